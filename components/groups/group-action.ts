import type { StaffAction } from "@/lib/client/live-connection";

/** What the groups panel asks of the session: these staff commands, as `{type, ...body}` (derived from the command table). */
export type GroupAction = StaffAction<"groups:form" | "participant:move" | "groups:merge" | "group:split" | "group:rename" | "group:remove" | "groups:dissolve" | "timer:extend" | "broadcast:send">;
