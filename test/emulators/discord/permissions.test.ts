import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, channelPermissions, type RoleLike } from './permissions.ts';

const VIEW = PermissionFlagsBits.ViewChannel;
const roles = new Map<string, RoleLike>([
  ['g', { id: 'g', permissions: (VIEW | PermissionFlagsBits.SendMessages).toString() }],
  ['agent', { id: 'agent', permissions: '0' }],
  ['admin', { id: 'admin', permissions: PermissionFlagsBits.Administrator.toString() }],
]);
const hidden = [
  { id: 'g', type: 0 as const, allow: '0', deny: VIEW.toString() },
  { id: 'agent', type: 0 as const, allow: VIEW.toString(), deny: '0' },
];
const perms = (userId: string, memberRoles: string[]) =>
  channelPermissions({
    guildId: 'g',
    ownerId: 'owner',
    roles,
    userId,
    memberRoles,
    overwrites: hidden,
  });

describe('channelPermissions', () => {
  it('hides a channel from @everyone when its overwrite denies View Channel', () => {
    expect(perms('u', []) & VIEW).toBe(0n);
  });

  it('shows it to a role whose overwrite allows View Channel', () => {
    expect(perms('u', ['agent']) & VIEW).toBe(VIEW);
  });

  it('gives administrators and the owner everything, overwrites notwithstanding', () => {
    expect(perms('u', ['admin'])).toBe(ALL_PERMISSIONS);
    expect(perms('owner', [])).toBe(ALL_PERMISSIONS);
  });
});
