import type { YamlSource } from "./yaml-source";

/** A validated spec together with the source it came from, for located errors later. */
export interface Sourced<T> {
  readonly spec: T;
  readonly source: YamlSource;
}
