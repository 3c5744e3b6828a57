// Reads one secret line from standard input: typed without echo on a terminal (raw mode, nothing
// is printed back, not even stars), or the first line of what is piped in. The secret never comes
// from the command line, where other users of the computer and the shell's history would see it.

/** Standard input: a terminal (with raw mode) or a pipe. */
export type SecretInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown };

export interface PromptOutput {
  write(text: string): unknown;
}

/** What was typed or piped (null: cancelled with Ctrl-C, or the input ended before a line). */
export function readSecret(
  input: SecretInput,
  prompt: PromptOutput,
  question: string,
): Promise<string | null> {
  const tty = Boolean(input.isTTY && input.setRawMode);
  if (tty) {
    prompt.write(question);
    input.setRawMode?.(true);
  }
  return new Promise((resolve, reject) => {
    let secret = '';
    let done = false;
    const finish = (value: string | null, error?: Error) => {
      if (done) return;
      done = true;
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('close', onEnd);
      input.off('error', onError);
      if (tty) {
        input.setRawMode?.(false);
        prompt.write('\n');
      }
      input.pause();
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(secret);
        if (!tty) {
          secret += ch;
          continue;
        }
        if (ch === '\u0003') return finish(null); // Ctrl-C
        if (ch === '\u0004') return finish(secret.length ? secret : null); // Ctrl-D
        if (ch === '\u007f' || ch === '\b') secret = [...secret].slice(0, -1).join('');
        else if (ch >= ' ') secret += ch; // other control keys (arrows, Esc) are not part of it
      }
    };
    // Piped input without a final newline still counts; an empty pipe is "nothing entered".
    const onEnd = () => finish(tty ? null : secret.length ? secret : null);
    const onError = (e: Error) => finish(null, e);
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('close', onEnd);
    input.on('error', onError);
    input.resume();
  });
}
