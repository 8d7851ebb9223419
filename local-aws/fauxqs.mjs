// Starts fauxqs (SNS) through its startFauxqs API: quiet, port from FAUXQS_PORT. Run with -r ./loopback.js, since
// startFauxqs always listens on 0.0.0.0.
import { startFauxqs } from 'fauxqs';

const server = await startFauxqs({ port: parseInt(process.env.FAUXQS_PORT ?? '4566', 10), host: '127.0.0.1', logger: false });
console.log(`fauxqs listening on ${server.address}`);
