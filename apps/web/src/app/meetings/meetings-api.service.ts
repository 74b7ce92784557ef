import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CreateMeetingRequest,
  Invitation,
  InviteRequest,
  InviteResponse,
  ListMeetingsQuery,
  Meeting,
  MeetingDetail,
  MeetingMinutes,
  MeetingStep,
  MeetingStepRequest,
  Page,
  RecordAttendanceRequest,
  ReplaceAgendaRequest,
  RsvpRequest,
  SaveMinutesRequest,
  UpdateMeetingRequest,
} from '@coopera/domain';
import { Observable } from 'rxjs';

/** The meetings endpoint, same origin as the app. */
export const MEETINGS_API_URL = '/api/v1/meetings';

/**
 * Typed access to `/api/v1/meetings`: the network roles read every meeting, a referent the
 * convened ones their Comune is invited to; `meetings:manage` writes. Errors are problem+json.
 */
@Injectable({ providedIn: 'root' })
export class MeetingsApiService {
  private readonly http = inject(HttpClient);

  list(query: ListMeetingsQuery): Observable<Page<Meeting>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<Page<Meeting>>(MEETINGS_API_URL, { params });
  }

  get(id: string): Observable<MeetingDetail> {
    return this.http.get<MeetingDetail>(this.url(id));
  }

  create(request: CreateMeetingRequest): Observable<MeetingDetail> {
    return this.http.post<MeetingDetail>(MEETINGS_API_URL, request);
  }

  /** A versioned change: 409 when someone changed the meeting since `request.version`. */
  update(id: string, request: UpdateMeetingRequest): Observable<MeetingDetail> {
    return this.http.patch<MeetingDetail>(this.url(id), request);
  }

  /** The whole programme at once: adding, editing, removing and reordering are one write. */
  replaceAgenda(id: string, request: ReplaceAgendaRequest): Observable<MeetingDetail> {
    return this.http.put<MeetingDetail>(`${this.url(id)}/agenda`, request);
  }

  step(id: string, step: MeetingStep, request: MeetingStepRequest): Observable<MeetingDetail> {
    return this.http.post<MeetingDetail>(`${this.url(id)}/${step}`, request);
  }

  invitations(id: string, page: number, pageSize: number): Observable<Page<Invitation>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return this.http.get<Page<Invitation>>(`${this.url(id)}/invitations`, { params });
  }

  /** Every invitation with its answer and attendance, as CSV (`meetings:read-all`); the name is in Content-Disposition. */
  invitationsCsv(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.url(id)}/invitations.csv`, { observe: 'response', responseType: 'blob' });
  }

  invite(id: string, request: InviteRequest): Observable<InviteResponse> {
    return this.http.post<InviteResponse>(`${this.url(id)}/invitations`, request);
  }

  answer(id: string, invitationId: string, request: RsvpRequest): Observable<Invitation> {
    return this.http.put<Invitation>(`${this.url(id)}/invitations/${encodeURIComponent(invitationId)}/rsvp`, request);
  }

  /** The register of who came, once held: every Comune in one versioned write (the meeting's version). */
  recordAttendance(id: string, request: RecordAttendanceRequest): Observable<Page<Invitation>> {
    return this.http.put<Page<Invitation>>(`${this.url(id)}/attendance`, request);
  }

  /** 404 while there are no minutes the reader may see. */
  minutes(id: string): Observable<MeetingMinutes> {
    return this.http.get<MeetingMinutes>(`${this.url(id)}/minutes`);
  }

  saveMinutes(id: string, request: SaveMinutesRequest): Observable<MeetingMinutes> {
    return this.http.put<MeetingMinutes>(`${this.url(id)}/minutes`, request);
  }

  /** The iCalendar event: fetched with the session's credentials, which a plain link would not send. */
  calendar(id: string): Observable<Blob> {
    return this.http.get(`${this.url(id)}/calendar.ics`, { responseType: 'blob' });
  }

  private url(id: string): string {
    return `${MEETINGS_API_URL}/${encodeURIComponent(id)}`;
  }
}
