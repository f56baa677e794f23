/** The registrations page's API (GET /enterprise-registrations, POST …/:id/resolve); types are the generated ones. */
import { request, type Query } from '../../api/client.ts';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/generated.ts';

export type Registration = ResponseOf<'/api/v1/enterprise-registrations/{id}', 'get'>;
export type RegistrationQuery = QueryOf<'/api/v1/enterprise-registrations', 'get'>;
export type Resolve = BodyOf<'/api/v1/enterprise-registrations/{id}/resolve', 'post'>;

export const registrationsApi = {
  list: (f: RegistrationQuery) => request<ResponseOf<'/api/v1/enterprise-registrations', 'get'>>('/enterprise-registrations', { query: f as Query }),
  get: (id: number) => request<Registration>(`/enterprise-registrations/${id}`),
  resolve: (id: number, body: Resolve) => request<Registration>(`/enterprise-registrations/${id}/resolve`, { method: 'POST', body }),
};
