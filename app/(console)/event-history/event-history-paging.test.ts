import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { rootArn } from "@/lib/iam/arns";
import type { Caller } from "@/lib/iam/caller";
import { rootCaller, setupDemoAccount, TEST_NOW } from "@/lib/iam/testing";
import { encodePageToken, readNumberedPage } from "./event-history-paging";

// The table's page numbers over the event history's cursors: the next page, the previous one
// and a few pages away read from the URL's token; without one, or far from it, the first pages
// are read from the top; what the table counts.

const ACCOUNT = "888800001111";
const SIZE = 7;
const TOTAL = 37;
let caller: Caller;
let expected: string[];
const filters = { endTime: new Date(TEST_NOW.getTime() - 1000) };

beforeAll(async () => {
  const prisma = await setupDemoAccount();
  await prisma.account.create({ data: { id: ACCOUNT, rootEmail: "paging@test.example.com", rootPasswordHash: "x" } });
  // Groups of three events share a millisecond.
  await prisma.activityEvent.createMany({
    data: Array.from({ length: TOTAL }, (_, i) => ({
      accountId: ACCOUNT,
      eventTime: new Date(TEST_NOW.getTime() - 3_600_000 + Math.floor(i / 3)),
      requestId: randomUUID(),
      eventSource: "iam.amazonaws.com",
      eventName: `E${i}`,
      principalArn: rootArn(ACCOUNT),
      principalType: "Root",
    })),
  });
  const rows = await prisma.activityEvent.findMany({ where: { accountId: ACCOUNT }, orderBy: [{ eventTime: "desc" }, { id: "desc" }] });
  expected = rows.map((r) => r.eventName);
  caller = rootCaller(ACCOUNT);
});

const names = (read: Awaited<ReturnType<typeof readNumberedPage>>) => read.result.events.map((e) => e.eventName);
const pageOf = (n: number) => expected.slice((n - 1) * SIZE, n * SIZE);
const read = (page: number, cursor?: string) => readNumberedPage(caller, filters, { page, pageSize: SIZE, cursor });

describe("readNumberedPage", () => {
  it("walks forwards from each page's token, then back, page by page", async () => {
    let current = await read(1);
    expect([current.page, names(current)]).toEqual([1, pageOf(1)]);
    for (let n = 2; n <= 6; n++) {
      current = await read(n, current.token);
      expect([current.page, names(current)]).toEqual([n, pageOf(n)]);
    }
    for (let n = 5; n >= 1; n--) {
      current = await read(n, current.token);
      expect([current.page, names(current)]).toEqual([n, pageOf(n)]);
    }
  });

  it("jumps a few pages either way from a token, and reads its own page again", async () => {
    const second = await read(2, (await read(1)).token);
    expect(names(await read(5, second.token))).toEqual(pageOf(5));
    const fifth = await read(5, second.token);
    expect(names(await read(2, fifth.token))).toEqual(pageOf(2));
    expect(names(await read(5, fifth.token))).toEqual(pageOf(5));
  });

  it("without a token, a page near the top is read from the top", async () => {
    const third = await read(3);
    expect([third.page, names(third)]).toEqual([3, pageOf(3)]);
  });

  it("counts the events up to the page, and says whether more follow", async () => {
    const first = await read(1);
    expect([first.totalCount, first.more]).toEqual([SIZE, true]);
    const last = await read(6);
    expect([names(last), last.totalCount, last.more]).toEqual([pageOf(6), TOTAL, false]);
  });

  it("a page past the end, a page too far from any token, or a forged token shows the first page", async () => {
    const past = await read(9, (await read(6)).token);
    expect([past.page, names(past)]).toEqual([1, pageOf(1)]);
    const far = await readNumberedPage(caller, filters, { page: 200, pageSize: SIZE });
    expect([far.page, names(far)]).toEqual([1, pageOf(1)]);
    const forged = await read(2, encodePageToken({ p: 1, at: "bm90LWEtY3Vyc29y" }));
    expect([forged.page, names(forged)]).toEqual([1, pageOf(1)]);
    expect((await read(2, "not base64 json")).page).toBe(2);
  });
});
