/**
 * The links in an agent's reply: hosts no reply should send a user to (link shorteners, which hide
 * where they lead; form builders, which collect whatever they ask for), and hosts outside
 * AGENT_LINK_DOMAINS — a link elsewhere is how a phishing page reaches a user with the support
 * team's authority.
 */

/**
 * Hosts no reply should send a user to, whatever AGENT_LINK_DOMAINS says or whether it is set:
 * link shorteners hide where they lead, and form builders collect whatever they ask for.
 */
const SUSPECT_HOSTS =
  /^(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|is\.gd|cutt\.ly|rebrand\.ly|shorturl\.at|ow\.ly|forms\.gle|forms\.office\.com|(?:[\w-]+\.)?typeform\.com|(?:[\w-]+\.)?jotform\.com)$/;

/** The links of a reply to hosts no reply should send a user to (SUSPECT_HOSTS, Google Forms). */
export function suspectLinks(text: string): string[] {
  const hosts = new Set<string>();
  for (const link of links(text)) {
    const form = link.host === 'docs.google.com' && link.path.startsWith('/forms');
    if (form || SUSPECT_HOSTS.test(link.host))
      hosts.add(form ? 'docs.google.com/forms' : link.host);
  }
  return [...hosts];
}

/** Links and bare domains: "https://x.example/a", "www.x.example", "wallet-help.xyz". */
const LINK =
  /\bhttps?:\/\/(?:[^\s/?#@]*@)?([^\s/?#:]+)|\b((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})\b(?![.-]?\w)|\b(\d{1,3}(?:\.\d{1,3}){3})\b/gi;
/** Names that look like a host but are files ("statement.pdf"): not links. */
const FILE_NAME = /\.(?:pdf|png|jpe?g|gif|webp|heic|txt|csv|docx?|xlsx?|zip|mp4|mov|js|ts|json)$/i;

/** What follows a link's host: a port, then its path (query and fragment left out). */
const LINK_PATH = /^(?::\d+)?(\/[^\s?#]*)?/;

interface Link {
  host: string;
  /** "/OurWallet" (no trailing punctuation), or "". */
  path: string;
  start: number;
  end: number;
}

function links(text: string): Link[] {
  const out: Link[] = [];
  for (const m of text.matchAll(LINK)) {
    const host = (m[1] ?? m[2] ?? m[3]!).toLowerCase().replace(/\.$/, '');
    if (m[2] && FILE_NAME.test(host)) continue;
    const after = m.index + m[0].length;
    const rest = LINK_PATH.exec(text.slice(after))![0];
    const path = (/\/[^\s?#]*/.exec(rest)?.[0] ?? '').replace(/[.,;:!?)\]}'"”’」』]+$/, '');
    out.push({ host, path, start: m.index, end: after + rest.length });
  }
  return out;
}

/**
 * Whether AGENT_LINK_DOMAINS allows a link: an entry without a path allows its domain and the
 * subdomains; one with a path ("t.me/OurWallet") only that host and what is under that path,
 * so a wallet's own Telegram channel can be linked while t.me stays closed to anyone else's.
 */
function linkAllowed(link: Link, allowed: readonly string[]): boolean {
  const path = link.path.toLowerCase().replace(/\/+$/, '');
  return allowed.some((entry) => {
    const slash = entry.indexOf('/');
    if (slash < 0) return link.host === entry || link.host.endsWith(`.${entry}`);
    const prefix = entry.slice(slash);
    return (
      link.host === entry.slice(0, slash) && (path === prefix || path.startsWith(`${prefix}/`))
    );
  });
}

/**
 * The hosts an agent's reply links to that AGENT_LINK_DOMAINS does not allow (linkAllowed). A
 * link to anywhere else is how a phishing page reaches a user with the support team's
 * authority.
 */
export function outsideLinks(text: string, allowed: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const link of links(text)) if (!linkAllowed(link, allowed)) hosts.add(link.host);
  return [...hosts];
}

/** The reply with the links AGENT_LINK_DOMAINS allows blanked out (the wallet's own t.me channel is not "elsewhere"). */
export function withoutAllowedLinks(text: string, allowed: readonly string[]): string {
  let out = text;
  for (const link of links(text))
    if (linkAllowed(link, allowed))
      out = out.slice(0, link.start) + ' '.repeat(link.end - link.start) + out.slice(link.end);
  return out;
}
