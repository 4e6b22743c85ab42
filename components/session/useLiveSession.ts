"use client";

import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { LiveConnection, type ConnectionRole } from "@/lib/client/live-connection";
import { createLiveStore, type LiveState, type LiveStore } from "@/lib/client/live-store";

/**
 * Creates this screen's store and connection once, starts the socket on
 * mount and stops it on unmount.
 */
export function useLiveSession(role: ConnectionRole): { store: LiveStore; connection: LiveConnection } {
  const [pair] = useState(() => {
    const store = createLiveStore();
    return { store, connection: new LiveConnection(store, role) };
  });
  useEffect(() => {
    pair.connection.start();
    return () => pair.connection.stop();
  }, [pair]);
  return pair;
}

export function useLive<T>(store: LiveStore, selector: (s: LiveState) => T): T {
  return useStore(store, selector);
}
