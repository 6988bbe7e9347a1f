export declare const NODE_BUNDLE_EXTERNALS: string[];
export declare function bundleForNode(options: {
  entry: string;
  outfile: string;
  external?: string[];
  define?: Record<string, string>;
  sourcemap?: boolean;
}): Promise<string>;
