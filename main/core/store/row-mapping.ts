export type Clock = () => Date;
export const isoNow = (clock: Clock) => clock().toISOString();
