import { Server } from 'socket.io';
import { countRoomDeliveries } from './live-adapter';

describe('countRoomDeliveries', () => {
  it('counts the broadcasts delivered to each room, and forgets a room once it is gone', () => {
    const io = new Server();
    const namespace = io.of('/live');
    const deliveries = countRoomDeliveries(namespace);
    const adapter = namespace.adapter;
    adapter.addAll('socket-a', new Set(['event:1', 'registration:a']));
    adapter.addAll('socket-b', new Set(['event:1']));

    expect(deliveries(['event:1', 'registration:a'])).toBe(0);
    namespace.to('event:1').emit('qa:updated' as never);
    namespace.to('registration:a').emit('qa:updated' as never);
    namespace.to('event:1').except('event:1:staff').emit('poll:updated' as never);
    expect(deliveries(['event:1'])).toBe(2);
    expect(deliveries(['event:1', 'registration:a'])).toBe(3);
    expect(deliveries(['event:2'])).toBe(0);

    adapter.delAll('socket-a');
    expect(deliveries(['registration:a'])).toBe(0);
    expect(deliveries(['event:1'])).toBe(2);
  });
});
