export declare function isBuildFresh(): boolean;
export declare function build(options?: { force?: boolean; nodeOnly?: boolean }): Promise<boolean>;
