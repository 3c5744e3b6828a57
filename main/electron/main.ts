// Placeholder entry; the hardened shell replaces this.
export {};
