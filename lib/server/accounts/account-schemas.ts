import { z } from "zod";
import { PASSWORD_MIN } from "./passwords";

export const credentialsSchema = z.object({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});

export const newAccountSchema = z.object({
  email: z.email().max(200),
  name: z.string().trim().min(1).max(80),
  password: z.string().min(PASSWORD_MIN).max(200),
});

export const newTrainerSchema = newAccountSchema.extend({
  role: z.enum(["trainer", "organiser"]).default("trainer"),
});
