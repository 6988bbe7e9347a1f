export declare const NODE_BUNDLE_EXTERNALS: string[];
export declare function bundleForNode(options: {
  entry: string;
  outfile: string;
  external?: string[];
  define?: Record<string, string>;
  sourcemap?: boolean;
}): Promise<string>;

export declare const FILE_WORKER_ENTRY: string;

export declare function bundleFileWorker(root: string, outdir: string): Promise<string>;
