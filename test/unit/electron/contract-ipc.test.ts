/**
 * The shared contract suite through the Electron transport, with every FieldKey piece real:
 * window.fieldkey from electron/preload.ts → (stand-in) ipcRenderer/ipcMain → electron/ipc.ts
 * → the RPC client → serveRpc on the core, over an in-process channel pair (where the utility
 * process's message port would be).
 */
const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import { createApiClient } from '../../../core/api/client';
import { createRpcClientTransport, serveRpc } from '../../../core/rpc/rpc';
import { createBridgeTransport, type FieldKeyBridge } from '../../../core/rpc/transport/bridge-client';
import { createChannelPair } from '../../../core/rpc/transport/in-process';
import { registerIpc } from '../../../electron/ipc';
import { createMainWindow, isAppWebContents } from '../../../electron/window';
import { describeContract } from '../../support/contract-suite';

describeContract('Electron IPC (stand-in electron)', async (core) => {
  standIn.reset();
  standIn.app.becomeReady();

  const [mainSide, coreSide] = createChannelPair();
  const stopServing = serveRpc(core.server, coreSide);
  const coreConnection = createRpcClientTransport(mainSide);
  const disposeIpc = registerIpc({ core: coreConnection, isAppWebContents });

  const window = createMainWindow({ preloadPath: '/preload.cjs', iconPath: '/icon.png' }) as unknown as InstanceType<
    typeof standIn.BrowserWindow
  >;
  standIn.renderer = window.webContents;
  vi.resetModules();
  await import('../../../electron/preload');
  const bridge = standIn.contextBridge.exposed.fieldkey as FieldKeyBridge;

  return {
    client: createApiClient(createBridgeTransport(bridge)),
    teardown: () => {
      disposeIpc();
      stopServing();
    },
  };
});
