// The customer's first join: create a session (as REST POST /sessions would), then join it with the secret the
// create call returned, which proves that this browser created it.
import { CreateOk, JoinOk, ROLE_CUSTOMER } from '../protocol/messages';
import { RealtimeSocket } from '../protocol/socket';

/** Creates and joins; `created` hears the new session's code before the join is answered. */
export async function createAndJoin(socket: RealtimeSocket, created: (sessionToken: string) => void): Promise<JoinOk> {
  const session = await socket.request<CreateOk>('create');
  created(session.sessionToken);
  return socket.request<JoinOk>('join', {
    sessionToken: session.sessionToken, role: ROLE_CUSTOMER, name: 'Customer', secret: session.customerSecret,
  });
}
