export { linearSumAssignment } from './linear-sum-assignment';
export type { LinearSumAssignment, LinearSumAssignmentOptions } from './linear-sum-assignment';
export type { CostMatrix } from './assignment-workspace';
