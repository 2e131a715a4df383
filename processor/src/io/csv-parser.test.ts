import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, recordCollector } from './csv-parser.js';

function parse(text: string, chunkSize: number): string[] {
  const out: string[] = [];
  const parser = new CsvParser(
    recordCollector((f, line) => out.push(`${line}:${JSON.stringify(f)}`)),
  );
  for (let i = 0; i < text.length; i += chunkSize) parser.push(text.slice(i, i + chunkSize));
  parser.end();
  return out;
}

const TEXT = '\ufeffa,b,c\r\n1,"x,y",3\r\n\r\n4,"he said ""hi""\nok",6\n7,,\n"",8,9\r10,11,';
const EXPECTED = [
  '1:["a","b","c"]',
  '2:["1","x,y","3"]',
  '4:["4","he said \\"hi\\"\\nok","6"]',
  '6:["7","",""]',
  '7:["","8","9"]',
  '8:["10","11",""]',
];

describe('CsvParser (RFC 4180)', () => {
  for (const size of [1, 2, 3, 7, 1000]) {
    it(`gives the same records and lines for chunks of ${size}`, () => {
      expect(parse(TEXT, size)).toEqual(EXPECTED);
    });
  }

  it('rejects a quote inside an unquoted field and text after a closing quote', () => {
    expect(() => parse('a,b\n1,x"y\n', 100)).toThrow(CsvSyntaxError);
    expect(() => parse('a,b\n1,"x"y\n', 100)).toThrow('unexpected character after a closing quote');
  });

  it('reports an unterminated quote at the line where the record starts', () => {
    try {
      parse('a\n"open\nmore\n', 4);
      expect.unreachable();
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });
});
