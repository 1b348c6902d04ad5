/**
 * Identifier and number formats of the synthetic utility. System ids look random but are a
 * bijective scramble of a sequence number (unique without a lookup); numbers customers see carry
 * a Luhn check digit, as real utilities print them.
 */

const BILLION = 1_000_000_000;

/** Bijection on [0, 1e9): the multiplier is coprime with 10^9. */
function scramble(seq: number, salt: number): number {
  return Number((BigInt(seq) * 387420489n + BigInt((salt >>> 0) % BILLION)) % BigInt(BILLION));
}

export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function withLuhn(digits: string): string {
  return `${digits}${luhnDigit(digits)}`;
}

const pad9 = (n: number) => String(n).padStart(9, '0');

/** Generates every id kind for one seed; salts differ per kind so sequences do not collide visually. */
export class IdFactory {
  constructor(private readonly salt: number) {}

  private id(prefix: string, kindSalt: number, seq: number): string {
    return `${prefix}${pad9(scramble(seq, this.salt ^ kindSalt))}`;
  }

  customerId = (seq: number) => this.id('7', 0x1111, seq);
  customerNo = (seq: number) => withLuhn(`6${pad9(scramble(seq, this.salt ^ 0x1112))}`);
  accountId = (seq: number) => this.id('1', 0x2221, seq);
  accountNo = (seq: number) => withLuhn(`3${pad9(scramble(seq, this.salt ^ 0x2222))}`);
  agreementId = (seq: number) => this.id('2', 0x3331, seq);
  agreementNo = (seq: number) => withLuhn(`4${pad9(scramble(seq, this.salt ^ 0x3332))}`);
  servicePointId = (seq: number) => this.id('5', 0x4441, seq);
  servicePointNo = (seq: number) => withLuhn(`9${pad9(scramble(seq, this.salt ^ 0x4442))}`);
  premiseId = (seq: number) => this.id('8', 0x5551, seq);
  /** Parcel-style premise number `123-456-789`. */
  premiseNo = (seq: number) => pad9(scramble(seq, this.salt ^ 0x5552)).replace(/(\d{3})(\d{3})(\d{3})/, '$1-$2-$3');
  meterId = (seq: number) => this.id('M', 0x6661, seq);
  meterSerial = (prefix: 'E' | 'G' | 'W', seq: number) => `${prefix}${pad9(scramble(seq, this.salt ^ 0x6662))}`;
  usagePointId = (seq: number) => this.id('UP', 0x6663, seq);
  installId = (seq: number) => this.id('I', 0x6664, seq);
  contactId = (seq: number) => this.id('CT', 0x7771, seq);
  enrollmentId = (seq: number) => this.id('EN', 0x7772, seq);
  participationNo = (seq: number) => `P${pad9(scramble(seq, this.salt ^ 0x7773))}`;
  groupId = (seq: number) => this.id('G', 0x8881, seq);
  loginId = (seq: number) => this.id('L', 0x9991, seq);
  certificateId = (seq: number) => this.id('CERT-', 0xaaa1, seq);
  appId = (seq: number) => this.id('APP', 0xbbb1, seq);
}
