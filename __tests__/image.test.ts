import { PropCheck } from '../src/validation/prop-check';
import { checkImage, versionLabelOf } from '../src/image';

const check = new PropCheck('WebApp', 'web');
const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('checkImage', () => {
  test.each([
    ['nginx:1.27', '1.27'],
    ['docker.io/library/nginx:1.27.2-alpine', '1.27.2-alpine'],
    ['localhost:5000/shop/web:2.0.1', '2.0.1'],
    [`nginx:1.27@${DIGEST}`, '1.27'],
    [`ghcr.io/acme/web@${DIGEST}`, undefined],
  ])('accepts %s and reads its version label %s', (image, version) => {
    expect(() => checkImage(check, 'image', image)).not.toThrow();
    expect(versionLabelOf(image)).toBe(version);
  });

  test.each(['nginx', 'nginx:latest', 'localhost:5000/shop/web'])(
    'fails if the image %j is not pinned',
    (image) => {
      expect(() => checkImage(check, 'image', image)).toThrow(
        `WebApp 'web': image must be an image reference pinned by a tag other than 'latest' or by a digest, such as 'nginx:1.27' or 'ghcr.io/acme/web@sha256:…', got '${image}'`,
      );
    },
  );

  // The grammar of github.com/distribution/reference, which container runtimes parse images with.
  test.each([
    'nginx:',
    ' nginx:1.27',
    'nginx :1.27',
    'Nginx:1.27',
    'ghcr.io/Acme/web:1.0',
    'ghcr.io/acme/:1.0',
    'ghcr.io//web:1.0',
    'web_:1.0',
    '-web:1.0',
    'ghcr.io/acme/web@sha256:abc',
    `${'a'.repeat(256)}:1.0`,
    'nginx:1.27:1.28',
    'nginx:.hidden',
  ])('fails if the image %j breaks the image reference grammar', (image) => {
    expect(() => checkImage(check, 'image', image)).toThrow(
      `it must follow the image reference grammar (lower-case repository, no spaces or empty parts), got '${image}'`,
    );
  });

  test.each([undefined, 42, ['nginx:1.27'], null])(
    'fails if the image is %j, not a string',
    (image) => {
      expect(() => checkImage(check, 'image', image)).toThrow(
        /^WebApp 'web': image must be an image reference pinned/,
      );
    },
  );
});
