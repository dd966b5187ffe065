// One generation, start to finish, is the API's (src/api/take.ts): snapshot and watch use it from there.
export { type InFlight, type Taken, type TakeOptions, crashNotes, takeGeneration } from '../api/take.ts';
