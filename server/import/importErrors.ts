// Why an input cannot become a compound. The message says what and where (feature index, limit).

/** The input cannot become a compound (422 at the endpoint, exit 1 in the CLI). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** The body is not JSON, or holds text no database stores (NUL, a lone surrogate): 400. */
export class ImportBadInput extends ImportError {
  constructor(message: string) {
    super(message);
    this.name = 'ImportBadInput';
  }
}

/** The input is over a size limit (413): refused before any geometry work. */
export class ImportTooLarge extends ImportError {
  constructor(message: string) {
    super(message);
    this.name = 'ImportTooLarge';
  }
}
