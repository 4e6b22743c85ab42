/**
 * Who is connected right now: volatile, never stored. Counts sockets per
 * participant, so a phone with two tabs stays online until both close.
 */
export class Presence {
  private sessions = new Map<string, Map<string, number>>();

  /** Returns true when the participant just came online. */
  connect(sessionId: string, participantId: string): boolean {
    let s = this.sessions.get(sessionId);
    if (!s) this.sessions.set(sessionId, (s = new Map()));
    const n = (s.get(participantId) ?? 0) + 1;
    s.set(participantId, n);
    return n === 1;
  }

  /** Returns true when the participant just went offline. */
  disconnect(sessionId: string, participantId: string): boolean {
    const s = this.sessions.get(sessionId);
    const n = s?.get(participantId);
    if (!s || !n) return false;
    if (n > 1) {
      s.set(participantId, n - 1);
      return false;
    }
    s.delete(participantId);
    if (s.size === 0) this.sessions.delete(sessionId);
    return true;
  }

  /** Forgets a participant whatever its connections (it was removed); true when it was online. */
  forget(sessionId: string, participantId: string): boolean {
    const s = this.sessions.get(sessionId);
    if (!s?.delete(participantId)) return false;
    if (s.size === 0) this.sessions.delete(sessionId);
    return true;
  }

  online(sessionId: string): string[] {
    return [...(this.sessions.get(sessionId)?.keys() ?? [])];
  }
}
