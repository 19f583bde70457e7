import { describe, expect, it } from 'vitest';
import { sharedTexts } from '../../src/app.ts';
import { loadIntents } from '../../src/core/intents.ts';
import { INTENTS_DIR } from '../../src/core/nlu/index.ts';

/**
 * The intents' answers are written in Simplified and shown in Traditional through OpenCC and the
 * wording tables texts/zh-Hant.terms.yaml (Taiwan and Hong Kong) and texts/zh-HK.terms.yaml (Hong
 * Kong). A native speaker playing the bot as a Taiwan and a Hong Kong user found mainland wording
 * in them; each sentence below is taken from intents/ or snippets/.
 */
const { traditional } = sharedTexts();
const tw = (text: string) => traditional.convert(text);
const hk = (text: string) => traditional.convert(text, true);

/** Every Chinese text the user reads from intents/: labels, steps, FAQ answers, questions, replies. */
function answers(): string[] {
  const out: string[] = [];
  const shown = new Set(['label', 'self_help', 'answer', 'prompt', 'reply']);
  const walk = (value: unknown, key: string, inShown: boolean) => {
    if (typeof value === 'string') {
      if (inShown && key === 'zh') out.push(value);
    } else if (Array.isArray(value)) for (const v of value) walk(v, key, inShown);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value))
        walk(v, k === 'zh' ? 'zh' : k, inShown || shown.has(k));
  };
  for (const spec of loadIntents(INTENTS_DIR).all) walk(spec, '', false);
  return out;
}

describe('Traditional wording of the data (texts/zh-Hant.terms.yaml, texts/zh-HK.terms.yaml)', () => {
  it('a code that does not come by SMS: 訊號, 未封鎖簡訊, 重新傳送, 改用電子郵件接收 (Hong Kong: 電郵); the authenticator needs the right time', () => {
    const sms =
      '收不到短信验证码？请确认账户绑定的手机号就是您正在用的号码（“设置 → 安全”），手机信号正常、没有拦截短号码发来的短信；每次重新获取前请等 60 秒，也可以在验证码页面选择“通过邮箱获取验证码”。';
    expect(tw(sms)).toBe(
      '收不到簡訊驗證碼？請確認帳戶綁定的手機號碼就是您正在用的號碼（「設定 → 安全」），手機訊號正常、未封鎖簡訊；重新傳送前請等 60 秒，也可以在驗證碼頁面選擇「改用電子郵件接收驗證碼」。',
    );
    expect(hk(sms)).toBe(
      '收不到短訊驗證碼？請確認賬戶綁定的手機號碼就是您正在用的號碼（「設定 → 安全」），手機訊號正常、未封鎖短訊；重新傳送前請等 60 秒，也可以在驗證碼頁面選擇「改用電郵接收驗證碼」。',
    );
    expect(
      tw(
        '如果双重验证（2FA）码提示错误，请在手机设置中开启“自动设置日期和时间”——验证器的码依赖准确的时间。',
      ),
    ).toBe(
      '如果雙重驗證（2FA）碼顯示錯誤，請在手機設定中開啟「自動設定日期和時間」——驗證器 App 產生的驗證碼需要手機時間正確。',
    );
    expect(
      tw(
        '收不到验证码：请等待 60 秒后再点“重新发送”；邮件请查看垃圾邮件箱；确认手机号的国家区号正确，并关闭短信拦截，确保能接收短号码发来的短信。',
      ),
    ).toBe(
      '收不到驗證碼：請等待 60 秒後再點「重新傳送」；郵件請查看垃圾郵件資料夾；確認手機號碼的國家區號正確，並確認沒有封鎖簡訊。',
    );
    expect(tw('登录时出现什么情况？如有错误提示请原样复制（请勿发送密码）。')).toBe(
      '登入時出現什麼情況？如有錯誤訊息請完整複製（請勿傳送密碼）。',
    );
  });

  it('a record is 紀錄 everywhere, as the History screen 錢包 → 紀錄 (not 記錄 beside it)', () => {
    expect(
      tw(
        '请在“钱包 → 记录”中查找“退款”记录。只显示“处理中”的付款可能是直接解除冻结，而不会另外出现退款记录。',
      ),
    ).toBe(
      '請在「錢包 → 紀錄」中尋找「退款」紀錄。只顯示「處理中」的付款可能是直接解除凍結，而不會另外出現退款紀錄。',
    );
    const poisoning = tw(
      '如果是从转账记录里复制的地址、中间几位却不一样：这是“地址投毒”——骗子先用长得很像的地址给您转一笔小额，让它出现在记录里。以后每次都要核对完整地址（不要只看开头和结尾），从地址簿选择收款地址，不要理会记录里的相似地址。',
    );
    expect(poisoning).toMatch(/^如果是從轉帳紀錄裡複製的地址/);
    expect(poisoning).not.toMatch(/記錄/);
    expect(tw('然后查看“卡片 → 交易记录”')).toBe('然後查看「卡片 → 交易紀錄」');
    expect(tw('保留聊天记录和转账记录')).toBe('保留聊天紀錄和轉帳紀錄');
  });

  it('paying by card is 刷卡付款 and 付款 in Taiwan, 用卡付款 and 簽賬 in Hong Kong', () => {
    const card = '用卡支付时，请确认卡片未过期，输入的 CVV 和账单地址与发卡银行登记的信息一致。';
    expect(tw(card)).toBe(
      '刷卡付款時，請確認卡片未過期，輸入的 CVV 和帳單地址與發卡銀行登記的資訊一致。',
    );
    expect(hk(card)).toMatch(/^用卡付款時/);
    expect(
      tw('请把 App 更新到最新版本后重试，也可以查看我们的服务状态页，确认是否有支付故障。'),
    ).toBe('請把 App 更新到最新版本後重試，也可以查看我們的服務狀態頁，確認是否有付款異常。');
    expect(
      tw(
        '支付被拒最常见的原因是每日限额（“设置 → 限额与费用”）、商户不支持该卡，或银行的风控检查。可以试试小一点的金额或其他支付方式，或者我转给客服。',
      ),
    ).toBe(
      '付款被拒最常見的原因是每日限額（「設定 → 限額與費用」）、商家不支援該卡，或銀行的風險審查。可以試試小一點的金額或其他付款方式，或者我轉給客服。',
    );
    const dispute =
      '您报告后，客服会核查这笔交易；未授权的卡片支付会向商户发起争议，确认后退款。请先冻结卡片，防止继续被扣款。';
    expect(tw(dispute)).toBe(
      '您回報後，客服會核查這筆交易；未授權的刷卡消費會向商家提出爭議，確認後退款。請先凍結卡片，防止繼續被扣款。',
    );
    expect(hk(dispute)).toMatch(/未授權的簽賬會向商家提出爭議/);
  });

  it('the numbers asked for are 編號 in Taiwan (訂單編號, 提領編號), 單號 in Hong Kong (提款單號)', () => {
    expect(tw('如有交易号或订单号，请提供。')).toBe('如有交易編號或訂單編號，請提供。');
    expect(tw('请提供交易号或商户订单号。')).toBe('請提供交易編號或商家訂單編號。');
    const withdrawal =
      '银行提现超过 3 个工作日、提币超过 24 小时仍未到账，请把提现单号发给我们，我们帮您追查。';
    expect(tw(withdrawal)).toBe(
      '銀行提領超過 3 個工作天、提幣超過 24 小時仍未到帳，請把提領編號傳給我們，我們幫您追查。',
    );
    expect(hk(withdrawal)).toBe(
      '銀行提款超過 3 個工作天、提幣超過 24 小時仍未到賬，請把提款單號傳給我們，我們幫您追查。',
    );
    const transfer = '请提供转账单号或参考号（在“钱包 → 记录”中或对方的转账凭证上）。';
    expect(tw(transfer)).toBe(
      '請提供轉帳編號或參考編號（在「錢包 → 紀錄」中或對方的轉帳證明上）。',
    );
    expect(hk(transfer)).toBe(
      '請提供轉賬單號或參考編號（在「錢包 → 紀錄」中或對方的轉賬證明上）。',
    );
  });

  it('sending us something is 傳給, also where OpenCC wrote 髮給', () => {
    expect(tw('请把交易号、金额和日期发给我们：未授权交易会作为紧急事项全天候处理。')).toBe(
      '請把交易編號、金額和日期傳給我們：未授權交易會列為緊急事項全天候處理。',
    );
    expect(tw('也可以把 TXID 和金额发给我，客服会一起查。')).toBe(
      '也可以把 TXID 和金額傳給我，客服會一起查。',
    );
    expect(tw('请不要发——助记词、私钥、密码和验证码绝不能发给任何人，包括我们。')).toBe(
      '請不要傳——助記詞、私鑰、密碼和驗證碼絕不能傳給任何人，包括我們。',
    );
  });

  it('a refund goes back 到原付款方式; the shop 辦理 it, we help 申請爭議處理', () => {
    expect(
      tw('退款会原路退回：退回银行卡通常需要 5–10 个工作日；退回钱包余额一般在 1 个工作日内到账。'),
    ).toBe(
      '退款會退回原付款方式：退回信用卡或金融卡通常需要 5–10 個工作天；退回錢包餘額一般在 1 個工作天內到帳。',
    );
    expect(
      tw(
        '如果商户拒绝退款或 14 天内没有回复，我们可以帮您发起争议处理——请发来交易号、金额和原因。',
      ),
    ).toBe(
      '如果商家拒絕退款或 14 天內沒有回覆，我們可以協助您申請爭議處理——請提供交易編號、金額和原因。',
    );
    expect(tw('请先联系商户——购物退款只能由商户发起。')).toBe(
      '請先聯絡商家——購物退款只能由商家辦理。',
    );
    expect(tw('已为您发起 {amount} 的退款，将原路退回：')).toBe(
      '已為您辦理 {amount} 的退款，將退回原付款方式：',
    );
  });

  it('a complaint is 客訴 in Taiwan and 投訴 in Hong Kong; an appeal is 申訴 in both', () => {
    expect(tw('投诉')).toBe('客訴');
    expect(tw('请在订单里发起申诉')).toBe('請在訂單裡發起申訴');
    expect(hk('请在订单里发起申诉')).toBe('請在訂單裡發起申訴');
    expect(hk('投诉')).toBe('投訴');
    expect(tw('如果投诉涉及某笔交易，请提供交易号。')).toBe(
      '如果客訴涉及某筆交易，請提供交易編號。',
    );
    expect(hk('如果投诉涉及某笔交易，请提供交易号。')).toBe(
      '如果投訴涉及某筆交易，請提供交易編號。',
    );
  });

  it('a scammer on a video call: 視訊, 分享螢幕, 遠端控制軟體 (Hong Kong: 視像, 屏幕, 遙距控制軟件); a stolen SIM is 掛失 (報失)', () => {
    const remote =
      '如果对方正在和您通话或视频，让您共享屏幕或下载会议、远程软件：请立即挂断、停止共享、卸载该软件；有人能看到您屏幕时不要打开钱包。';
    expect(tw(remote)).toBe(
      '如果對方正在和您通話或視訊，讓您分享螢幕或下載會議、遠端控制軟體：請立即掛斷、停止分享、解除安裝該軟體；有人能看到您螢幕時不要打開錢包。',
    );
    expect(hk(remote)).toBe(
      '如果對方正在和您通話或視像，讓您分享屏幕或下載會議、遙距控制軟件：請立即掛斷、停止分享、解除安裝該軟件；有人能看到您屏幕時不要打開錢包。',
    );
    const stolen = '1）打电话给运营商挂失手机卡，防止别人收到您的短信验证码；';
    expect(tw(stolen)).toBe('1）打電話給電信業者掛失 SIM 卡，防止別人收到您的簡訊驗證碼；');
    expect(hk(stolen)).toBe('1）打電話給電訊商報失 SIM 卡，防止別人收到您的短訊驗證碼；');
  });

  it("a review's reasons and an address's checksum in Taiwan's words", () => {
    expect(
      tw(
        '如果还能登录，冻结原因可以在“设置 → 账户状态”里看到。如果登录不了，或者是风控审核，客服会告诉您原因——出于安全原因，风控审核的具体细节只能由客服告知。',
      ),
    ).toBe(
      '如果還能登入，凍結原因可以在「設定 → 帳戶狀態」裡看到。如果登入不了，或者是風險審查，客服會告訴您原因——基於安全考量，風險審查的具體細節只能由客服告知。',
    );
    expect(tw('一般在您提交所需材料后 1–3 个工作日')).toBe('一般在您提交所需資料後 1–3 個工作天');
    expect(tw('大多数地址格式（如 TRC20、比特币）带校验位')).toBe(
      '大多數地址格式（如 TRC20、比特幣）有檢查碼',
    );
    expect(tw('收款银行账号和户名必须与钱包实名信息完全一致')).toBe(
      '收款銀行帳號和戶名必須與錢包身分驗證資料完全一致',
    );
    expect(tw('直接在这里留言即可，工单可以重新打开。')).toBe(
      '直接在這裡留言即可，案件可以重新開啟。',
    );
  });

  it('a photocopy of an ID is 影本 in Taiwan and 影印本 in Hong Kong (副本 is a duplicate)', () => {
    const id = '请使用有效期内的证件原件（不接受复印件）。';
    expect(tw(id)).toBe('請使用有效期內的證件正本（不接受影本）。');
    expect(hk(id)).toBe('請使用有效期內的證件正本（不接受影印本）。');
  });

  it('no answer in intents/ keeps the mainland words these entries replace', () => {
    const all = answers();
    expect(all.length).toBeGreaterThan(100);
    const mainland =
      /短號碼|重新獲取|單號|訂單號|參考號(?!碼)|原路退回|用卡支付|支付故障|支付被拒|交易記錄|退款記錄|聊天記錄|轉帳記錄|記錄裡|投訴|屏幕|遠程|發起爭議|風控/;
    expect(all.map((a) => tw(a)).filter((a) => mainland.test(a))).toEqual([]);
    const notHongKong = /客訴|視訊|掛失|螢幕|遠端|提領編號|轉帳編號|影本|副本/;
    expect(all.map((a) => hk(a)).filter((a) => notHongKong.test(a))).toEqual([]);
  });
});
