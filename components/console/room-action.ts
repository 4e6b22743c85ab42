import type { StaffAction } from "@/lib/client/live-connection";

/** What room control asks of the session: these staff commands, as `{type, ...body}` (derived from the command table). */
export type RoomAction = StaffAction<"room:configure" | "participant:remove" | "participant:rename" | "participant:admit">;
