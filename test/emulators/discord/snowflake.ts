/**
 * Snowflake ids as Discord makes them: milliseconds since the Discord epoch in the top 42 bits, so
 * discord.js can read creation times from them, and strictly increasing within one emulator.
 * @see https://discord.com/developers/docs/reference#snowflakes
 */
const DISCORD_EPOCH = 1_420_070_400_000n;

export class SnowflakeFactory {
  private last = 0n;

  next(): string {
    let id = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    if (id <= this.last) id = this.last + 1n;
    this.last = id;
    return id.toString();
  }
}
