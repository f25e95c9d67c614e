// The baseline's activities do nothing: the measure is the engine's round trips, not the work.
export const baselineActivities = {
  async submit(): Promise<void> {},
  async open(_level: number): Promise<void> {},
  async record(_level: number): Promise<void> {},
};
export type BaselineActivities = typeof baselineActivities;
