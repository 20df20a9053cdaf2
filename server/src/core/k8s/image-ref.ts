/** Parts of a container image reference (`registry:5000/team/app:1.2@sha256:…`). */

/** The tag after the last `:` of the last path segment (`registry:5000/app` has a port, not a tag). */
export function imageTagOf(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon < 0 ? undefined : lastSegment.slice(colon + 1);
}

/** The image's name without tag and digest: what kustomize's `images[].name` and skaffold's artifacts match. */
export function imageNameOf(image: string): string {
  const withoutDigest = image.split('@')[0];
  const tag = imageTagOf(withoutDigest);
  return tag === undefined ? withoutDigest : withoutDigest.slice(0, withoutDigest.length - tag.length - 1);
}
