/** The part of pino-roll 4's API the app log uses (the package ships no types; see its README). */
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';

  interface PinoRollOptions {
    /** The base path; `.<n>` and `extension` are appended. */
    file: string;
    /** `10m`, `512k`, `1g` or bytes×MiB as a number. */
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    /** `count`: older files kept besides the current one. */
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    symlink?: boolean;
  }

  /** A SonicBoom stream writing into the current file and rolling it. */
  export default function pinoRoll(
    options: PinoRollOptions,
  ): Promise<SonicBoom & { readonly file: string }>;
}
