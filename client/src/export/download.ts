/** Saves text or a blob as a file through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, filename: string, type: string): void {
  downloadBlob(new Blob([text], { type }), filename);
}

/** A file name with the date: splinternet-2025-11-27.csv */
export function datedFilename(extension: string, now: Date = new Date()): string {
  return `splinternet-${now.toISOString().slice(0, 10)}.${extension}`;
}
