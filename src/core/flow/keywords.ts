/**
 * Words that steer the flow whatever the step: cancel, human, yes/no, skip, done. Matched on the
 * folded (lower-case, simplified) text of short messages only, so a long description that merely
 * contains "agent" is not taken for a command.
 */

const SHORT = 60;
const test = (re: RegExp) => (folded: string) => folded.length <= SHORT && re.test(folded);

export const isCancel = test(
  /^(\/?cancel|stop|quit|exit|nevermind|never mind|forget it|取消|算了|不用了|退出)[.!。！\s]*$/,
);
export const isHuman = test(
  /\b(talk|speak|chat|connect( me)?)( me)? (to|with) (a |an |some |your )?(human|agent|person|someone|representative|real person|customer service|support)\b|^(a |an )?(human|agent|real person|live agent|live chat|operator|representative)( please| pls| plz)?[.!?\s]*$|人工|真人|找客服|联系客服|转客服|客服在吗/,
);
/** Yes / no as the start of a short answer: "yes thanks!", "解决了，谢谢", "no it didn't". */
export const isYes = test(
  /^(y|yes|yeah|yep|yup|ok|okay|solved|it worked|works now|fixed|all good|thanks?|thank you|ty)\b(?!\s*(but|not|still))|^(是的|是|对|好了|好的|解决了|已解决|可以了|行了|谢谢|搞定)(?!.*(没|不|但))/,
);
export const isNo = test(
  /^(n|no|nope|nah|not (yet|really|solved)|still (not|nothing|pending|waiting)|didn'?t (work|help)|doesn'?t (work|help)|it didn'?t)\b|^(否|不是|没有解决|没解决|没有|没|还没|没用|不行|还是不行|未解决)/,
);
export const isSkip = test(
  /^(skip|none|no|n\/a|na|pass|later|i don'?t (have|know)( it)?|don'?t have( it)?|no idea|跳过|没有|不知道|无|略过)[.!。！\s]*$/,
);
export const isDone = test(
  /^(done|finished|that'?s (all|it)|no more|ok|okay|完成|好了|发完了|没有了|就这些)[.!。！\s]*$/,
);
export const isConfirm = test(
  /^(y|yes|ok|okay|confirm|send|submit|correct|looks good|确认|提交|对|是|好|没问题|正确)[.!。！\s]*$/,
);
export const isEdit = test(/^(edit|change|fix|修改|更改|改)[.!。！\s]*$/);
