import { ClusterSet, type SetChange } from "./cluster-set";

/**
 * Who is connected right now: volatile, never stored. Counts sockets per
 * participant, so a phone with two tabs stays online until both close; with
 * several instances, a participant is online while any of them has a socket
 * of theirs (see ClusterSet).
 */
export class Presence {
  readonly members: ClusterSet;

  constructor(publish?: (change: SetChange) => void) {
    this.members = new ClusterSet(publish);
  }

  /** Returns true when the participant just came online. */
  connect(sessionId: string, participantId: string): boolean {
    return this.members.add(sessionId, participantId);
  }

  /** Returns true when the participant just went offline. */
  disconnect(sessionId: string, participantId: string): boolean {
    return this.members.remove(sessionId, participantId);
  }

  /** Forgets a participant whatever its connections (it was removed); true when it was online. */
  forget(sessionId: string, participantId: string): boolean {
    return this.members.remove(sessionId, participantId, true);
  }

  online(sessionId: string): string[] {
    return this.members.members(sessionId);
  }
}
