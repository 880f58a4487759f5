// jsdom lacks a few browser APIs that @grafana/ui touches; these are the create-plugin defaults.
import '@testing-library/jest-dom';
import { TextEncoder, TextDecoder } from 'util';

Object.assign(global, { TextDecoder, TextEncoder });

Object.defineProperty(global, 'matchMedia', {
  writable: true,
  value: (query) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: jest.fn(),
    removeListener: jest.fn(),
    addEventListener: jest.fn(),
    removeEventListener: jest.fn(),
    dispatchEvent: jest.fn(),
  }),
});

global.ResizeObserver = class ResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
};

HTMLCanvasElement.prototype.getContext = () => {};

// React 19's react-dom/server (used by @grafana/ui Text) needs MessageChannel, which jsdom lacks;
// a timer-based stand-in keeps no handle open (Node's worker_threads ports would).
if (typeof global.MessageChannel === 'undefined') {
  class StandInPort {
    constructor() {
      this.onmessage = null;
      this.peer = null;
    }
    postMessage(data) {
      const peer = this.peer;
      setTimeout(() => peer && peer.onmessage && peer.onmessage({ data }), 0);
    }
    start() {}
    close() {}
    addEventListener() {}
    removeEventListener() {}
  }
  global.MessageChannel = class MessageChannel {
    constructor() {
      this.port1 = new StandInPort();
      this.port2 = new StandInPort();
      this.port1.peer = this.port2;
      this.port2.peer = this.port1;
    }
  };
}
