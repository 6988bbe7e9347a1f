import type { CoreDeps, Feature } from '../feature/core-deps';
import type { RunningImports } from './running-imports';

declare module '../feature/core-deps' {
  interface CoreDeps {
    /** One registry for every file import (codes, bulk, keys): `imports.cancel` finds any of them by its id. */
    imports: RunningImports;
  }
}

/** `imports.cancel` over the registry every importing feature shares. */
export function createImportsFeature(deps: CoreDeps): Feature<ReturnType<RunningImports['handlers']>> {
  return { handlers: deps.imports.handlers() };
}
