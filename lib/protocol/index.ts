export * from "./version";
export * from "./result";
export * from "./commands";
export * from "./events";
