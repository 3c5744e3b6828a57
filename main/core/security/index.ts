// Policy decisions the Electron shell asks before acting; each is a pure function tested in Node.
export * from './app-identity';
export * from './app-protocol';
export * from './csp';
export * from './external-url';
export * from './navigation';
export * from './permissions';
export * from './power-events';
export * from './protocol-url';
export * from './protocol-url-inbox';
export * from './second-instance';
export * from './web-preferences';
