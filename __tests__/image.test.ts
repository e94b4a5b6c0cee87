import { Construct } from 'constructs';
import { PropCheck } from '../src/check';
import { checkImage, versionLabelOf } from '../src/image';

const check = new PropCheck('WebApp', new Construct(undefined as never, 'web'));
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

  test.each([
    'nginx',
    'nginx:latest',
    'localhost:5000/shop/web',
    'nginx:',
    ' nginx:1.27',
    'ghcr.io/acme/web@sha256:abc',
  ])('fails if the image is %j', (image) => {
    expect(() => checkImage(check, 'image', image)).toThrow(
      `WebApp 'web': image must be an image with a tag other than 'latest' or a sha256 digest, such as 'nginx:1.27', got '${image}'`,
    );
  });
});
