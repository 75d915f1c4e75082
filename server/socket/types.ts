import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/protocol.ts';
import type { BoardLink, Member } from '../../core/types.ts';

export interface SocketData {
  /** Exactly one of the two: a member's socket, or a floor board's read-only one. */
  member: Member | null;
  board: (BoardLink & { packId: string }) | null;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no server-to-server events
type InterServerEvents = {};

export type RelayServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RelaySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const packRoom = (packId: string): string => `pack:${packId}`;
export const memberRoom = (memberId: string): string => `member:${memberId}`;
