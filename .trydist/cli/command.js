/** Exit code for usage and configuration errors (design.md §8). */
export const EXIT_USAGE = 2;
