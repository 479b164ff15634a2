// IpAddress, NotIpAddress: IPv4 and IPv6 CIDR blocks; a bare address is a /32 (or /128).
// An IPv4-mapped IPv6 request address (::ffff:a.b.c.d) is compared as IPv4.

import { compiled, invalid, memoized, type ConditionOperator } from "./operator";

export interface IpAddress {
  v6: boolean;
  bits: bigint;
}
export interface CidrBlock extends IpAddress {
  prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = BigInt(0);
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << BigInt(8)) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...right];
  let value = BigInt(0);
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << BigInt(16)) | BigInt(parseInt(group, 16));
  }
  return tailV4 === undefined ? value : (value & ~BigInt(0xffffffff)) | tailV4;
}

const V4_MAPPED = BigInt(0xffff) << BigInt(32);
const V4_MAPPED_MASK = (BigInt(1) << BigInt(128)) - (BigInt(1) << BigInt(32));

export function parseIpAddress(value: string): IpAddress | undefined {
  const text = value.trim();
  if (text.includes(":")) {
    const bits = parseIpv6(text);
    if (bits === undefined) return undefined;
    if ((bits & V4_MAPPED_MASK) === V4_MAPPED) return { v6: false, bits: bits & BigInt(0xffffffff) };
    return { v6: true, bits };
  }
  const bits = parseIpv4(text);
  return bits === undefined ? undefined : { v6: false, bits };
}

export function parseCidr(value: string): CidrBlock | undefined {
  const [address, prefixText, extra] = value.trim().split("/");
  if (extra !== undefined) return undefined;
  const text = address.trim();
  const v6 = text.includes(":");
  const bits = v6 ? parseIpv6(text) : parseIpv4(text);
  if (bits === undefined) return undefined;
  const width = v6 ? 128 : 32;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (prefix > width) return undefined;
  return { v6, bits, prefix };
}

export function cidrContains(block: CidrBlock, address: IpAddress): boolean {
  if (block.v6 !== address.v6) return false;
  const width = BigInt(block.v6 ? 128 : 32);
  const shift = width - BigInt(block.prefix);
  return block.bits >> shift === address.bits >> shift;
}

const parseRequestAddress = memoized(parseIpAddress);

function ip(name: string, negated: boolean): ConditionOperator<CidrBlock, IpAddress> {
  return {
    name,
    negated,
    compile(value) {
      const block = parseCidr(value);
      return block ? compiled(block) : invalid(`${name} needs an IP address or CIDR block, not ${JSON.stringify(value)}.`);
    },
    parseRequest: parseRequestAddress,
    test: (request, policy) => cidrContains(policy, request),
  };
}

export const ipOperators: ConditionOperator[] = [ip("IpAddress", false), ip("NotIpAddress", true)];
