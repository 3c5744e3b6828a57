// The Zoom calls the client makes: their HTTP shape, path template (what gets logged) and
// Zoom's rate-limit category for them (zoom.md: create + list are Medium, the rest Light).
export type RateCategory = 'light' | 'medium' | 'heavy';

export type ZoomOperation =
  | 'get-user'
  | 'create-meeting'
  | 'get-meeting'
  | 'update-meeting'
  | 'delete-meeting'
  | 'list-meetings';

export interface OperationSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  pathTemplate: string;
  category: RateCategory;
  subject: 'meeting' | 'user' | 'meetings';
}

export const operations: Record<ZoomOperation, OperationSpec> = {
  'get-user': { method: 'GET', pathTemplate: '/users/{userId}', category: 'light', subject: 'user' },
  'create-meeting': {
    method: 'POST',
    pathTemplate: '/users/{userId}/meetings',
    category: 'medium',
    subject: 'meeting',
  },
  'get-meeting': {
    method: 'GET',
    pathTemplate: '/meetings/{meetingId}',
    category: 'light',
    subject: 'meeting',
  },
  'update-meeting': {
    method: 'PATCH',
    pathTemplate: '/meetings/{meetingId}',
    category: 'light',
    subject: 'meeting',
  },
  'delete-meeting': {
    method: 'DELETE',
    pathTemplate: '/meetings/{meetingId}',
    category: 'light',
    subject: 'meeting',
  },
  'list-meetings': {
    method: 'GET',
    pathTemplate: '/users/{userId}/meetings',
    category: 'medium',
    subject: 'meetings',
  },
};
