import { csvCell, csvLine } from './csv';

describe('csv for Excel', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['杭州云帆智能科技有限公司', '杭州云帆智能科技有限公司'],
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['+86 138 0013 8000', "'+86 138 0013 8000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('%j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('keeps numbers (negative ones too), empties and lists', () => {
    expect(csvLine([-5, null, undefined, ['aws', 'sap'], 3.5])).toBe('-5,,,aws; sap,3.5\r\n');
  });
});
