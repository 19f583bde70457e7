/**
 * Permission arithmetic as Discord documents it: base permissions from @everyone and the member's
 * roles (Administrator or ownership grants all), then channel overwrites in order @everyone →
 * roles → member. Threads inherit from their parent; a private thread is visible only to its
 * members and to holders of Manage Threads.
 * @see https://discord.com/developers/docs/topics/permissions#permission-overwrites
 */
import { ChannelType, PermissionFlagsBits } from 'discord.js';

export const ALL_PERMISSIONS = (1n << 53n) - 1n;

export interface RoleLike {
  id: string;
  permissions: string;
}

export interface OverwriteLike {
  id: string;
  /** 0 role, 1 member */
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface PermissionInput {
  guildId: string;
  ownerId: string;
  roles: ReadonlyMap<string, RoleLike>;
  userId: string;
  memberRoles: readonly string[];
  overwrites: readonly OverwriteLike[];
}

export function basePermissions(input: Omit<PermissionInput, 'overwrites'>): bigint {
  if (input.userId === input.ownerId) return ALL_PERMISSIONS;
  let perms = BigInt(input.roles.get(input.guildId)?.permissions ?? '0');
  for (const roleId of input.memberRoles)
    perms |= BigInt(input.roles.get(roleId)?.permissions ?? '0');
  if (perms & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;
  return perms;
}

export function channelPermissions(input: PermissionInput): bigint {
  let perms = basePermissions(input);
  if (perms === ALL_PERMISSIONS) return perms;
  const everyone = input.overwrites.find((o) => o.type === 0 && o.id === input.guildId);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of input.overwrites) {
    if (o.type === 0 && o.id !== input.guildId && input.memberRoles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const member = input.overwrites.find((o) => o.type === 1 && o.id === input.userId);
  if (member) perms = (perms & ~BigInt(member.deny)) | BigInt(member.allow);
  return perms;
}

export function isThreadType(type: number): boolean {
  return (
    type === ChannelType.PublicThread ||
    type === ChannelType.PrivateThread ||
    type === ChannelType.AnnouncementThread
  );
}
