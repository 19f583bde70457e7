/** A user driven through a real platform emulator (TgUser, DcUser): what the scripted walks need. */
export interface ChatUser {
  says(text: string): unknown;
  press(label: RegExp): unknown;
  expect(pattern: RegExp): Promise<{ text: string }>;
}

/**
 * The English withdrawal case, from the first words up to a question: the screenshots one
 * (`until: 'screenshots'`) or the summary (`until: 'summary'`, skipping screenshots).
 */
export async function walkWithdrawal(
  user: ChatUser,
  until: 'screenshots' | 'summary',
  txid = 'TX12345678AB',
): Promise<void> {
  user.says('my withdrawal has been pending for 3 days');
  await user.expect(/Did this solve it\?/);
  user.press(/No, I still need help/);
  await user.expect(/transaction ID|withdrawal ID/i);
  user.says(txid);
  for (;;) {
    const next = await user.expect(/How much|When did|screenshots|Please check your case/);
    if (until === 'screenshots' && /screenshots/.test(next.text)) return;
    if (/Please check your case/.test(next.text)) return;
    user.press(/Skip|Done/);
  }
}

/** The whole case without screenshots, up to the ticket id. */
export async function openCaseWithoutScreenshots(user: ChatUser): Promise<string> {
  await walkWithdrawal(user, 'summary');
  user.press(/Send to support/);
  const created = await user.expect(/Your case T-[A-Z0-9]{7}/);
  return /T-[A-Z0-9]{7}/.exec(created.text)![0];
}
