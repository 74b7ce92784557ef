import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes what Italian Excel expects: BOM, semicolons, CRLF, decimal commas', () => {
    expect(toCsv(['Comune', 'Posti'], [['Palermo', 12.5], ['Noto', null]])).toBe('\uFEFFComune;Posti\r\nPalermo;12,5\r\nNoto;\r\n');
  });

  it('quotes cells holding separators, quotes or line breaks', () => {
    expect(toCsv(['a'], [['uno; due'], ['il "SAI"'], ['riga\nnuova']])).toBe('\uFEFFa\r\n"uno; due"\r\n"il ""SAI"""\r\n"riga\nnuova"\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")'], ['+39 091'], ['-1'], ['@SUM(A1)']])).toBe(
      '\uFEFFa\r\n"\'=HYPERLINK(""x"")"\r\n\'+39 091\r\n\'-1\r\n\'@SUM(A1)\r\n',
    );
  });

  it('writes booleans in Italian and dates in ISO', () => {
    expect(toCsv(['a', 'b'], [[true, new Date('2021-12-07T08:45:00Z')]])).toBe('\uFEFFa;b\r\nsì;2021-12-07T08:45:00.000Z\r\n');
  });
});
