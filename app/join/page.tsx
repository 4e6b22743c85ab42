import { PhoneApp } from "@/components/phone/PhoneApp";

export const dynamic = "force-dynamic";

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  return <PhoneApp initialCode={typeof code === "string" ? code.slice(0, 12) : ""} />;
}
