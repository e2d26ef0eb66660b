// Not built: for type-checking only (jsconfig.json, `cargo xtask lint`). pkg/mount.js is www/mount.js bundled, so
// www/app.js and www/embed.js, which import the bundle, are checked against the source's types.
export { mount, mountCompare } from '../www/mount.js';
