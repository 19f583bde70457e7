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
  /** "#/transaction/…" (Tronscan's pages are there; no trailing punctuation), or "". */
  fragment: string;
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
    const fragment = (
      /^(?:\?[^\s#]*)?(#\S*)/.exec(text.slice(after + rest.length))?.[1] ?? ''
    ).replace(/[.,;:!?)\]}'"”’」』]+$/, '');
    out.push({ host, path, fragment, start: m.index, end: after + rest.length });
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

/** A transaction hash or an address on each kind of chain, as explorers' pages name them. */
const EVM_PAGE = /^\/(?:tx\/0x[0-9a-f]{64}|address\/0x[0-9a-f]{40})\/?$/i;
const BITCOIN_PAGE =
  /^\/(?:tx\/[0-9a-f]{64}|address\/(?:bc1[02-9ac-hj-np-z]{11,87}|[13][1-9A-HJ-NP-Za-km-z]{25,34}))\/?$/;
const SOLANA_PAGE =
  /^\/(?:tx\/[1-9A-HJ-NP-Za-km-z]{64,90}|account\/[1-9A-HJ-NP-Za-km-z]{32,44})\/?$/;

/**
 * Public block explorers, and their pages of one transaction or one address: an agent may link
 * to such a page whatever AGENT_LINK_DOMAINS says (an operator adds other sites there). The bot's
 * own self-help tells users to look their TXID up in a block explorer (intents/
 * withdrawal_pending.yaml and transfer_delayed.yaml, snippets' withdrawal_onchain), and a link to
 * the page spares them the search; it had been held, the seniors called. Only such a page, and
 * with no "#…" after it but Tronscan's own: an explorer's other pages (a contract's "write" tab,
 * token pages, "connect wallet") are where a drainer sends a user.
 *
 * Source — each chain's own explorer, as its maker lists it: Etherscan's explorers
 * (docs.etherscan.io, "Supported Chains": Etherscan for Ethereum, BscScan for BNB Smart Chain,
 * PolygonScan for Polygon, Arbiscan for Arbitrum One); Tronscan for TRON (where most USDT moves);
 * Solscan for Solana; mempool.space and Blockstream's explorer (blockstream.info) for Bitcoin,
 * both open source; Blockchair for many chains (/<chain>/transaction/… and /<chain>/address/…).
 */
const EXPLORERS: ReadonlyArray<readonly [host: string, page: (link: Link) => boolean]> = [
  ...['etherscan.io', 'bscscan.com', 'polygonscan.com', 'arbiscan.io'].map(
    (host) => [host, (l: Link) => !l.fragment && EVM_PAGE.test(l.path)] as const,
  ),
  ...['mempool.space', 'blockstream.info'].map(
    (host) => [host, (l: Link) => !l.fragment && BITCOIN_PAGE.test(l.path)] as const,
  ),
  ['solscan.io', (l) => !l.fragment && SOLANA_PAGE.test(l.path)],
  [
    'blockchair.com',
    (l) =>
      !l.fragment &&
      /^\/[a-z][a-z-]{1,30}\/(?:transaction|address)\/[0-9A-Za-z]{25,100}\/?$/.test(l.path),
  ],
  [
    'tronscan.org',
    (l) =>
      (l.path === '' || l.path === '/') &&
      /^#\/(?:transaction\/[0-9a-f]{64}|address\/T[1-9A-HJ-NP-Za-km-z]{33})\/?$/i.test(l.fragment),
  ],
];

/** Whether a link is a block explorer's page of one transaction or address (EXPLORERS). */
function explorerPage(link: Link): boolean {
  const host = link.host.replace(/^www\./, '');
  return EXPLORERS.some(([h, page]) => h === host && page(link));
}

/**
 * The hosts an agent's reply links to that AGENT_LINK_DOMAINS does not allow (linkAllowed), a
 * block explorer's page of one transaction or address aside (EXPLORERS). A link to anywhere else
 * is how a phishing page reaches a user with the support team's authority.
 */
export function outsideLinks(text: string, allowed: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const link of links(text))
    if (!linkAllowed(link, allowed) && !explorerPage(link)) hosts.add(link.host);
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
