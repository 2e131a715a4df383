import { describe, expect, it } from 'vitest';
import { formatConfigIssue } from './config-issue.js';
import { resolveServeConfig } from './resolve-serve-config.js';

const resolve = (flags: Record<string, unknown>, file?: unknown) =>
  resolveServeConfig({ flags, file, env: {} });

const problems = (flags: Record<string, unknown>, file?: unknown): string[] => {
  const result = resolve(flags, file);
  return result.ok ? [] : result.issues.map(formatConfigIssue);
};

describe('alertmanager-url and its settings', () => {
  it('is off by default', () => {
    const result = resolve({});
    expect(result.ok && result.config.alertmanager).toBeUndefined();
  });

  it('takes one URL from the flag with the default resend and timeout', () => {
    const result = resolve({ 'alertmanager-url': 'http://am:9093' });
    expect(result.ok && result.config.alertmanager).toEqual({
      urls: ['http://am:9093'],
      resendSeconds: 60,
      timeoutSeconds: 10,
    });
  });

  it('takes an HA pair as a comma-separated flag or a YAML list, and the file settings', () => {
    const flag = resolve({ 'alertmanager-url': 'http://am1:9093, http://am2:9093' });
    expect(flag.ok && flag.config.alertmanager?.urls).toEqual([
      'http://am1:9093',
      'http://am2:9093',
    ]);
    const file = resolve(
      {},
      {
        'alertmanager-url': ['http://am1:9093', 'https://am2.example/alertmanager'],
        'alertmanager-resend-seconds': 30,
        'alertmanager-timeout-seconds': '2.5',
      },
    );
    expect(file.ok && file.config.alertmanager).toEqual({
      urls: ['http://am1:9093', 'https://am2.example/alertmanager'],
      resendSeconds: 30,
      timeoutSeconds: 2.5,
    });
  });

  it('names the key of every invalid value', () => {
    expect(problems({ 'alertmanager-url': 'am:9093' })).toEqual([
      '--alertmanager-url: must be an http(s) URL such as http://alertmanager:9093, got "am:9093"',
    ]);
    expect(
      problems(
        {},
        {
          'alertmanager-url': ['http://am1:9093', 42, 'http://am1:9093'],
          'alertmanager-resend-seconds': 0,
          'alertmanager-timeout-seconds': 'soon',
        },
      ),
    ).toEqual([
      'config file key "alertmanager-resend-seconds": must be a number of seconds above 0 (at most 86400), got 0',
      'config file key "alertmanager-timeout-seconds": must be a number of seconds above 0 (at most 3600), got "soon"',
      'config file key "alertmanager-url[1]": must be an http(s) URL such as http://alertmanager:9093, got 42',
      'config file key "alertmanager-url[2]": lists "http://am1:9093" twice',
    ]);
    expect(problems({}, { 'alertmanager-url': [] })).toEqual([
      'config file key "alertmanager-url": must be an http(s) URL such as http://alertmanager:9093, or a list of them, got []',
    ]);
  });

  it('rejects settings without a URL', () => {
    expect(problems({ 'alertmanager-resend-seconds': '30' })).toEqual([
      '--alertmanager-resend-seconds: is set but no alertmanager-url is',
    ]);
  });
});
