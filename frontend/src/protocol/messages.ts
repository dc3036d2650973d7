// The frames of docs/protocol.md, as the browser code sees them. Only the fields the scripts use are typed.

export const ROLE_CUSTOMER = 1;
export const ROLE_AGENT = 2;
export const ROLE_CONTROLLER = 3;
export type RoleCode = 1 | 2 | 3;

export interface User {
  userId: string;
  role: RoleCode;
  name?: string | null;
}

export interface RestrictionSet {
  urlPattern: string;
  mask?: string[];
  disable?: string[];
}

export interface CreateOk {
  type: 'create.ok';
  sessionToken: string;
  sessionServerName?: string;
  customerSecret: string;
}

/** join.ok and resume.ok carry the same fields. */
export interface JoinOk {
  type: 'join.ok' | 'resume.ok';
  protocol?: number;
  sessionToken: string;
  userToken: string;
  userId: string;
  role: RoleCode;
  name?: string | null;
  state?: string;
  activationTime?: number;
  users: User[];
  sessionHistoryId?: string;
  /** Present for the customer only. */
  domRestrictions?: RestrictionSet[];
}

export interface ErrorFrame {
  type: 'error';
  id?: number | null;
  error: string;
  message?: string;
}

export interface JoinedNotice extends User {
  type: 'joined';
}

export interface LeftNotice {
  type: 'left';
  userId: string;
  reason?: string;
}

export interface DeactivatedNotice {
  type: 'deactivated';
  activationTime?: number;
  deactivationTime?: number;
  reason?: string;
}

/** A DOM frame as agents receive it: numbered by the server, events exactly as the customer sent them. */
export interface DomNotice {
  type: 'dom';
  seq: number;
  snapshot: boolean;
  events: unknown[];
}

/** Pointer mode: every side sees the others' pointers; write mode: one agent may act on the visitor's page. */
export type Mode = 'pointer' | 'write';

/** Another participant's pointer: a node of the mirrored DOM (rrweb id) and an offset in px inside it. */
export interface PointerNotice extends User {
  type: 'pointer';
  node: number;
  x: number;
  y: number;
  kind: 'move' | 'click';
}

/** Write mode started (`userId`, `name`: the agent in control) or ended. */
export interface ModeNotice {
  type: 'mode';
  mode: Mode;
  userId?: string;
  name?: string | null;
  reason?: string;
}

/** An agent's command as the visitor receives it; the other fields depend on `action` (docs/protocol.md). */
export interface CommandNotice extends User {
  type: 'command';
  action: string;
  cid?: number;
  [field: string]: unknown;
}

/** Why the visitor's script refused a command. */
export type RejectionReason = 'not_granted' | 'unknown_action' | 'unknown_node' | 'restricted' | 'masked';

/** Any frame from the server; `type` tells which. Unknown types are ignored by the scripts. */
export interface ServerFrame {
  type: string;
  id?: number | null;
  [field: string]: unknown;
}

/** Close codes of docs/protocol.md that the scripts act on. */
export const CLOSE_SESSION_ENDED = 4000;
export const CLOSE_EXITED = 4001;
export const CLOSE_REPLACED = 4002;

/** 4000–4099 are terminal: the client must not reconnect. Every other close is followed by a reconnect and resume. */
export function isTerminalClose(code: number): boolean {
  return code >= 4000 && code < 4100;
}

/** Why a participant's session is over, from the code its socket closed with for good. */
export function endReasonOfClose(code: number, exitedReason: string): string {
  switch (code) {
    case CLOSE_SESSION_ENDED: return 'session_ended';
    case CLOSE_EXITED: return exitedReason;
    case CLOSE_REPLACED: return 'replaced';
    default: return 'disconnected';
  }
}

/** Errors after which a `resume` can never succeed. */
export function isFatalResumeError(code: string): boolean {
  return code === 'user_not_found' || code === 'session_ended' || code === 'session_not_found'
    || code === 'forbidden' || code === 'bad_request';
}

/** Parses a text frame; null when it is not a JSON object with a string `type`. */
export function parseServerFrame(text: unknown): ServerFrame | null {
  if (typeof text !== 'string') {
    return null;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && typeof (value as ServerFrame).type === 'string') {
      return value as ServerFrame;
    }
  } catch {
    // not JSON: ignored like any unknown frame
  }
  return null;
}
