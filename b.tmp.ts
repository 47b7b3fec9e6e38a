import { benchCompat } from './bench/compat.ts';
