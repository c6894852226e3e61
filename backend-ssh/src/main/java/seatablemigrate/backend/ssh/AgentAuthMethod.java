package seatablemigrate.backend.ssh;

import java.io.IOException;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * The "publickey" method with a key held by ssh-agent: a feeler request with the public key, then, once the server
 * accepts the key, the request signed by the agent. RSA keys use rsa-sha2-512 (see {@link SshAgent}).
 */
final class AgentAuthMethod extends AbstractAuthMethod {
    private final SshAgent agent;
    private final SshAgent.Identity identity;

    AgentAuthMethod(SshAgent agent, SshAgent.Identity identity) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(identity.signatureAlgorithm()).putString(identity.blob());
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        SSHPacket req = request(true);
        byte[] data = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(req).getCompactData();
        try {
            req.putString(agent.sign(identity, data, identity.signFlags()));
        } catch (IOException e) {
            throw new UserAuthException("ssh-agent could not sign with " + identity.comment() + ": " + e.getMessage(), e);
        }
        params.getTransport().write(req);
    }

    @Override
    public String toString() {
        return "ssh-agent key " + identity.comment() + " (" + identity.type() + ")";
    }
}
