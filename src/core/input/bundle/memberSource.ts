/**
 * What the read stage knows about an input beyond its bytes, from the layout
 * of the archive it came in (planBundle.ts), and what it hands the Kubernetes
 * reader from resource files it does not read as inputs. Types only.
 */

export interface MemberSource {
  /** A format id to read the input with, instead of detecting one. */
  format?: string;
  /** The process every event of the input belongs to (e.g. `container@pod`), instead of one named after the file. */
  process?: string;
  /** That process's clock domain (e.g. the pod's node). */
  domain?: string;
}

/** A Kubernetes object named in a resource file: enough for the linker to place pods and follow owners. */
export interface ResourceMeta {
  /** The resource file it was read from (for executionOf). */
  input: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  /** Pods: spec.nodeName, '' when not scheduled. */
  node: string;
  /** The controlling owner as `Kind/name`, '' when none. */
  owner: string;
}
